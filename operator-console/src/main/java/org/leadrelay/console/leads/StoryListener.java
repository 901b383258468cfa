package org.leadrelay.console.leads;

/**
 * Told once for every event newly added to a lead's story (never for an event already there), so
 * what it derives (flow counts, the queue, partner statistics) counts each event once.
 */
public interface StoryListener {

    /**
     * @param before the story before the event (its state, its partner)
     * @param after  the story with it
     * @param added  the event
     */
    void added(LeadStory before, LeadStory after, StoryEvent added);
}
