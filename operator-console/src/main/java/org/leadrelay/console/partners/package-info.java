/** Partners as operators watch them: their state from the partners topic, how they answer offers, and the fairness ledger. */
package org.leadrelay.console.partners;
