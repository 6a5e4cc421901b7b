/** The `state` handle tests use to seed and inspect the emulator without HTTP. */
import type { SubscriptionBody } from "../../ado/types.js";
import { catalog } from "../../catalog/index.js";
import { type EmulatorRuntime, identityOf } from "../runtime.js";
import { createRecord, recordWithStatus } from "../subscriptions/build.js";
import { storedView, subscriptionView } from "../subscriptions/view.js";
import type { EmulatorState, EmulatorUser, IdentityRefOrUser, InsertOptions, StoredSubscription, WireSubscription } from "../types.js";
import { projectView } from "./projects.js";

function isUser(creator: IdentityRefOrUser): creator is EmulatorUser {
  return "token" in creator;
}

export function createStateHandle(runtime: EmulatorRuntime): EmulatorState {
  const { store } = runtime;

  function existing(id: string) {
    store.refresh();
    const record = store.subscription(id);
    if (!record) throw new Error(`the emulator has no subscription ${id}`);
    return record;
  }

  return {
    projects: () => runtime.projects.map((project) => projectView(project, runtime.urls.url)),

    subscriptions(): StoredSubscription[] {
      store.refresh();
      return store.allSubscriptions().map((record) => storedView(record, runtime.urls));
    },

    get(id: string): StoredSubscription | undefined {
      store.refresh();
      const record = store.subscription(id);
      return record ? storedView(record, runtime.urls) : undefined;
    },

    insert(body: SubscriptionBody, options: InsertOptions = {}): WireSubscription {
      store.refresh();
      const host = options.host ?? (catalog.isReleasePublisher(body.publisherId) ? "release" : "default");
      const [firstUser] = runtime.users;
      const creator = options.createdBy ?? firstUser;
      if (!creator) throw new Error("the emulator has no user to record as the creator");
      const subscription = {
        publisherId: body.publisherId,
        eventType: body.eventType,
        resourceVersion: body.resourceVersion ?? null,
        consumerId: body.consumerId,
        consumerActionId: body.consumerActionId,
        status: body.status ?? "enabled",
        publisherInputs: { ...body.publisherInputs },
        consumerInputs: { ...body.consumerInputs },
      };
      const servicePrincipal = options.servicePrincipal ?? (isUser(creator) && creator.servicePrincipal === true);
      const record = createRecord(subscription, host, runtime.writeContext(identityOf(creator), servicePrincipal));
      store.saveSubscription(record);
      return subscriptionView(record, runtime.urls);
    },

    setStatus(id, status, options = {}): void {
      store.saveSubscription(recordWithStatus(existing(id), status, options.probationRetries, runtime.now()));
    },

    remove(id: string): void {
      existing(id);
      store.deleteSubscription(id);
    },
  };
}
