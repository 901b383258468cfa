/** Turning what people type into the values the contract expects: countries, languages, phone numbers, emails, specialities. Plain Java. */
package org.leadrelay.intake.normalisation;
