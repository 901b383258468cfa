/** What the services with operator sign-in share: local operator accounts and problem-details answers to 401 and 403. */
package org.leadrelay.kit.security;
