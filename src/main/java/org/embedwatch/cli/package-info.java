/** The command line (picocli): commands, human output on stdout, one-line errors on stderr, exit codes. */
package org.embedwatch.cli;
