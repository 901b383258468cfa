/** Who changed which partner, when, and what changed: every change is recorded and readable. */
package org.leadrelay.directory.audit;
