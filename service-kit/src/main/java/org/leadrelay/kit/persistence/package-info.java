/** Persistence patterns the services share, built on single-document atomic writes. */
package org.leadrelay.kit.persistence;
