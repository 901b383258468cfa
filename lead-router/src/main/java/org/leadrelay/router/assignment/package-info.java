/** Offering a lead to the chosen partner, or declaring it unroutable, exactly once per lead. */
package org.leadrelay.router.assignment;
