/** Telling a partner of a lead offered to it, once per channel, and recording every attempt. */
package org.leadrelay.notification.delivery;
