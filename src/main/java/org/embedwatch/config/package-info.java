/** Configuration: the {@code Settings} records, loading from a properties file plus {@code --set} overrides, validation. */
package org.embedwatch.config;
