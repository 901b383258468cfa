/** The channels partners are told by: email over SMTP and webhooks signed per the Standard Webhooks spec. */
package org.leadrelay.notification.delivery.channels;
