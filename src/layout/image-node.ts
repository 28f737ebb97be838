import type { ImageBlock } from '../model/types.js';
import type { BlockProps, ImageNode } from './tree.js';

/**
 * An image of content placed by a template (a logo: {{image logo height=40}}), as large as the
 * box allows, keeping the proportions of the image as shown (a JPEG's EXIF orientation turns
 * it: the block's size is the turned one, see markdown/images.ts). Embedded from memory.
 */
export function imageNode(block: ImageBlock, props: BlockProps, boxWidth: number, boxHeight: number): ImageNode {
  const scale = Math.min(boxWidth / block.width, boxHeight / block.height);
  const src = `data:image/${block.format};base64,${Buffer.from(block.data).toString('base64')}`;
  return { ...props, image: src, width: block.width * scale, height: block.height * scale };
}
