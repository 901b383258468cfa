/** Records that a consumer could not handle, as their dead-letter topics hold them: looked at, replayed to their topic, or discarded. */
package org.leadrelay.console.deadletters;
