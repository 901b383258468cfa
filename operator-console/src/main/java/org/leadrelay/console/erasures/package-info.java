/**
 * Erasures as operators follow them: each erased lead, when it was erased, and which services have
 * reported their part done, against a configured deadline ({@code leadrelay.console.erasures.*}).
 */
package org.leadrelay.console.erasures;
