/** The local stack: everything Lead Relay needs on one machine with only a JDK, behind one command. */
package org.leadrelay.local;
