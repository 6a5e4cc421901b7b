export { ExistingFilesError } from "./write.js";
