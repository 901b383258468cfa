/** Partner webhooks: which URLs may receive them, and the secrets that sign them. */
package org.leadrelay.kit.webhooks;
