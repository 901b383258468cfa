package org.leadrelay.console.leads;

import java.util.List;

/**
 * Told once of every event newly added to a lead's story (never of an event already there), so
 * what it derives (flow counts, the queue, partner statistics) counts each event once. It hears of
 * a batch's changes together, in the order they were made for each lead, so it can merge its
 * writes: one per minute, per index key, per partner, whatever the batch's size.
 */
public interface StoryListener {

    void added(List<StoryChange> changes);
}
