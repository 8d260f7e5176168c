/**
 * Alerts: each new finding or state transition stored by any process, delivered once to each configured sink (an HTTP
 * webhook with a signed JSON body, an Atom feed file), with every delivery claimed and recorded in the database.
 */
package org.embedwatch.alert;
