/**
 * Embedwatch: the composition root ({@code App}), the application layer ({@code Archiver}) and the top-level
 * exception. The vocabulary every package shares lives in {@code evidence}.
 */
package org.embedwatch;
