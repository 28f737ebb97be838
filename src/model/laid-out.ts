/** One page as it was laid out: the ids that start on it, and its text without white space. */
export interface LaidOutPage {
  ids: string[];
  text: string;
}
