/** Partners' answers to the leads offered to them: accept or decline, through a signed link or their own system. */
package org.leadrelay.router.responses;
