/** Retention: documents that go after a configured time, found by key whatever the collection's size. */
package org.leadrelay.kit.retention;
