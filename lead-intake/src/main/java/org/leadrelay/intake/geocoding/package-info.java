/** Where a lead is, from the place it names: an offline gazetteer behind an interface a production geocoder can replace. Plain Java. */
package org.leadrelay.intake.geocoding;
