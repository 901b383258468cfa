/** RFC 9457 problem details for every HTTP error, with JSON pointers to the offending fields. */
package org.leadrelay.kit.web;
