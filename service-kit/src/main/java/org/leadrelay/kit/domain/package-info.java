/**
 * Refusals a domain states in its own words, with no HTTP in them: the aggregates and the services
 * that call them throw these, and service-kit's {@code ProblemDetailsAdvice} is the one place that
 * answers each as RFC 9457 problem details with its status. Framework-free, like the domain code
 * that uses it.
 */
package org.leadrelay.kit.domain;
