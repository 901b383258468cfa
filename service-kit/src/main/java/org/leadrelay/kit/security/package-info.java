/** What the services with operator sign-in share: local operator accounts, how operators sign in, and problem-details answers to 401 and 403. */
package org.leadrelay.kit.security;
