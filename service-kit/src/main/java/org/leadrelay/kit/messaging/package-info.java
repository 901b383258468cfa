/** Consuming the contract's events from Spring Cloud Stream bindings, and declaring the topics. */
package org.leadrelay.kit.messaging;
