/** Who may see the console and who may act in it. */
package org.leadrelay.console.security;
