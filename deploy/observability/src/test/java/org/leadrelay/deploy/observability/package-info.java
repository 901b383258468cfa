/** Checks on Lead Relay's dashboards and alert rules: valid files, promtool's own checks and unit tests, and only metrics that exist. */
package org.leadrelay.deploy.observability;
