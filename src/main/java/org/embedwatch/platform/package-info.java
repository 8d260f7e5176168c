/** Platform clients: one per endpoint, each answering with a typed {@code PostFetch} outcome. */
package org.embedwatch.platform;
