// Facts from the Azure DevOps service hook descriptors, docs and REAL-SERVICE.md; see docs/format.md "The catalog".
import type { ConsumerSpec } from "../../types.js";
import { azureConsumers } from "./azure.js";
import { buildConsumers } from "./build.js";
import { chatConsumers } from "./chat.js";
import { retiredConsumers } from "./retired.js";
import { serviceConsumers } from "./services.js";

export const consumers: readonly ConsumerSpec[] = [...azureConsumers, ...buildConsumers, ...serviceConsumers, ...chatConsumers, ...retiredConsumers];
