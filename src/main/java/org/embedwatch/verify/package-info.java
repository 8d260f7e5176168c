/**
 * Verification: deriving each post's state from its stored observations, and comparing what articles say about a post
 * (their quotes, handles, dates and the references themselves over time) with what was captured.
 */
package org.embedwatch.verify;
