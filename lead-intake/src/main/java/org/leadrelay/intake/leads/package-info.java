/** Receiving a customer's request for help: validation, storage and the LeadReceived event. */
package org.leadrelay.intake.leads;
