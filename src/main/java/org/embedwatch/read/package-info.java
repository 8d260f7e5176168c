/**
 * Reading inputs: expand what the operator gave (URLs, files, directories, list files, stdin, feeds, sitemaps) into
 * articles, bounded in size and depth; detect type and charset with Apache Tika; decode HTML and text, and convert
 * PDF and DOCX to XHTML. Every input ends in one {@link org.embedwatch.read.InputItem}.
 */
package org.embedwatch.read;
