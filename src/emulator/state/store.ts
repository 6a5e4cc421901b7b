import type { StateFile } from "./persistence.js";
import type { NotificationRecord, SubscriptionDiagnostics, SubscriptionRecord } from "./records.js";

/**
 * Everything the emulator remembers. Every mutation is saved right away when a state file is
 * configured; `refresh()` picks up what another process saved to the same file.
 */
export class EmulatorStore {
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private notifications: NotificationRecord[] = [];
  private nextNotificationId = 1;
  private readonly diagnostics = new Map<string, SubscriptionDiagnostics>();

  constructor(
    private readonly organization: string,
    private readonly file: StateFile | undefined,
  ) {
    this.loadFromFile();
  }

  refresh(): void {
    if (this.file?.changedOnDisk()) this.loadFromFile();
  }

  allSubscriptions(): SubscriptionRecord[] {
    return [...this.subscriptions.values()];
  }

  subscription(id: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(id.toLowerCase());
  }

  hasSubscription(id: string): boolean {
    return this.subscriptions.has(id.toLowerCase());
  }

  saveSubscription(record: SubscriptionRecord): void {
    this.subscriptions.set(record.id.toLowerCase(), record);
    this.persist();
  }

  deleteSubscription(id: string): boolean {
    const key = id.toLowerCase();
    if (!this.subscriptions.delete(key)) return false;
    this.diagnostics.delete(key);
    this.notifications = this.notifications.filter((notification) => notification.subscriptionId.toLowerCase() !== key);
    this.persist();
    return true;
  }

  addNotification(notification: Omit<NotificationRecord, "id">): NotificationRecord {
    const record: NotificationRecord = { ...notification, id: this.nextNotificationId };
    this.nextNotificationId += 1;
    this.notifications.push(record);
    this.persist();
    return record;
  }

  updateNotification(record: NotificationRecord): void {
    const index = this.notifications.findIndex((candidate) => candidate.id === record.id);
    if (index < 0) return;
    this.notifications[index] = record;
    this.persist();
  }

  notification(id: number): NotificationRecord | undefined {
    return this.notifications.find((candidate) => candidate.id === id);
  }

  /** Oldest first, as they were created. */
  allNotifications(): NotificationRecord[] {
    return [...this.notifications];
  }

  notificationsFor(subscriptionId: string): NotificationRecord[] {
    const key = subscriptionId.toLowerCase();
    return this.notifications.filter((notification) => notification.subscriptionId.toLowerCase() === key);
  }

  diagnosticsFor(subscriptionId: string): SubscriptionDiagnostics {
    return this.diagnostics.get(subscriptionId.toLowerCase()) ?? {};
  }

  saveDiagnostics(subscriptionId: string, diagnostics: SubscriptionDiagnostics): void {
    this.diagnostics.set(subscriptionId.toLowerCase(), diagnostics);
    this.persist();
  }

  private loadFromFile(): void {
    const saved = this.file?.load();
    this.subscriptions.clear();
    this.diagnostics.clear();
    this.notifications = [];
    this.nextNotificationId = 1;
    if (!saved) return;
    for (const record of saved.subscriptions) this.subscriptions.set(record.id.toLowerCase(), record);
    for (const [id, diagnostics] of Object.entries(saved.diagnostics)) this.diagnostics.set(id.toLowerCase(), diagnostics);
    this.notifications = saved.notifications;
    this.nextNotificationId = saved.nextNotificationId;
  }

  private persist(): void {
    this.file?.save({
      formatVersion: 1,
      organization: this.organization,
      subscriptions: this.allSubscriptions(),
      notifications: this.notifications,
      nextNotificationId: this.nextNotificationId,
      diagnostics: Object.fromEntries(this.diagnostics),
    });
  }
}
