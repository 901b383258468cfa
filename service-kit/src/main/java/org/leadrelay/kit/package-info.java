/** What every Lead Relay service shares at its edges: publishing events reliably, consuming them safely, answering HTTP errors. */
package org.leadrelay.kit;
