/** Control characters (a pasted vertical tab, a bell): they cannot be printed and are refused at their place. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
