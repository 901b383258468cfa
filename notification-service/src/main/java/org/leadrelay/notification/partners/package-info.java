/** The notification service's own copy of where each partner wants to be told, kept from the partners topic. */
package org.leadrelay.notification.partners;
