/** Registering partners and publishing their full state to the partners topic. */
package org.leadrelay.directory.partners;
