package org.embedwatch.extract;

/**
 * One line (or block) of article text, with the scope it sits in and its place in document order.
 *
 * @param position document order of the line's first text, comparable with element sightings' positions
 */
record TextLine(String text, Reference.Scope scope, int position) {}
