/** A customer's request for help: validation, storage and LeadReceived; and its erasure on an operator's request, with LeadErased. */
package org.leadrelay.intake.leads;
