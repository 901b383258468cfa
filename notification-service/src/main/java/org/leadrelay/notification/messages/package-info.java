/** What partners and operators read: emails rendered from templates kept as files, and webhook payloads. */
package org.leadrelay.notification.messages;
