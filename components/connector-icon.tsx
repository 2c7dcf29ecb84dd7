// Connectors name a lucide icon in their manifest; the browser maps the names it knows and falls back to a plug.
import {
  Clock,
  Globe,
  Package,
  Plug,
  ShoppingBag,
  ShoppingCart,
  Store,
  Truck,
  Webhook,
  Wrench,
  type LucideIcon,
} from "lucide-react";

const icons: Record<string, LucideIcon> = {
  clock: Clock,
  globe: Globe,
  package: Package,
  "shopping-bag": ShoppingBag,
  "shopping-cart": ShoppingCart,
  store: Store,
  truck: Truck,
  webhook: Webhook,
  wrench: Wrench,
};

export function ConnectorIcon({
  name,
  size = 18,
  className,
}: {
  name: string | undefined;
  size?: number;
  className?: string;
}) {
  const Icon = (name && icons[name]) || Plug;
  return <Icon aria-hidden size={size} className={className} />;
}
