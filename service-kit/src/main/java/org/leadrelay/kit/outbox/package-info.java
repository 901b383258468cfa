/**
 * Reliable publication: an aggregate keeps the events its changes cause in its own document, and
 * {@link org.leadrelay.kit.outbox.EventRelay} sees them to Kafka.
 */
package org.leadrelay.kit.outbox;
