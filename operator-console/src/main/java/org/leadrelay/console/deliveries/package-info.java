/** How deliveries to partners are going: endpoints failing, retries under way, endpoints disabled, and enabling one again. */
package org.leadrelay.console.deliveries;
