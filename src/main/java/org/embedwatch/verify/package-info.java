/**
 * Verification, pure: deriving each post's state from its observations under a stored policy, and comparing what
 * articles say about a post (their quotes, handles, dates and the references themselves over time) with what was
 * captured. It reads {@code evidence} values and never the store.
 */
package org.embedwatch.verify;
