/** Reading inputs: fetch or load an article, detect its type and charset with Apache Tika, decode its text. */
package org.embedwatch.read;
