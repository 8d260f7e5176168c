/** Verification: deriving each post's state from its stored observations. */
package org.embedwatch.verify;
