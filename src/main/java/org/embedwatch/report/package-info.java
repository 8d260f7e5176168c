/** Reports: the audit report built from stored evidence, written as Markdown, CSV or JSON. Reads only. */
package org.embedwatch.report;
