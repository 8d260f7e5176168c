/** Embedwatch: the composition root ({@code App}) and the vocabulary shared by several feature packages. */
package org.embedwatch;
