/**
 * Consuming the contract's events from Spring Cloud Stream bindings, what becomes of a record that
 * fails (retried, waited for or dead-lettered), and declaring the topics.
 */
package org.leadrelay.kit.messaging;
