/** The operators' queue: leads nobody could take, why, the partners that came closest, and the fixes (assign by hand, reopen). */
package org.leadrelay.console.queue;
