/** Reliable publication: events recorded in the service's database, then relayed to Kafka. */
package org.leadrelay.kit.outbox;
